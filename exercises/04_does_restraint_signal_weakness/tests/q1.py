from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=None, hidden=False)
def test_q1_type(neutral_belief_rho08, neutral_probes_rho08):
    assert isinstance(neutral_belief_rho08, float), 'neutral_belief_rho08 should be a float'
    assert 0 <= neutral_belief_rho08 <= 1, 'a belief is a probability between 0 and 1'
    assert isinstance(neutral_probes_rho08, bool), 'neutral_probes_rho08 should be True or False'

