from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=None, hidden=False)
def test_q1_types(p_brier, p_skill):
    assert isinstance(p_brier, float), 'p_brier should be a float, as fc.brier_score returns it'
    assert 0 <= p_brier <= 1, 'a Brier score lies between 0 (perfect) and 1 (certain and wrong)'
    assert isinstance(p_skill, float), 'p_skill should be a float, as fc.brier_skill_score returns it'
    assert p_skill <= 1, 'a skill score is at most 1 (a perfect record)'

