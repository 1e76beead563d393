from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 2

@test_case(points=None, hidden=False)
def test_q4_shape(p_two_credences):
    from natodebate import models
    assert isinstance(p_two_credences, dict) and 1 <= len(p_two_credences) <= 2, 'p_two_credences should be a dict with one or two entries'
    weighed = set(models.preset_weights('P', 'neutral').index)
    assert set(p_two_credences) <= weighed, "use only ids of claims the panel weighs: the index of models.preset_weights('P', 'neutral')"
    assert all((isinstance(v, (int, float)) and 0 <= v <= 1 for v in p_two_credences.values())), 'each credence is a number between 0 and 1'

