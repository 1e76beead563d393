from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=None, hidden=False)
def test_q3_types(k_rung1_minus_never, p_rung1_minus_never):
    for name, answer in (('k_rung1_minus_never', k_rung1_minus_never), ('p_rung1_minus_never', p_rung1_minus_never)):
        assert isinstance(answer, float), f'{name} should be a float (float(...) turns a numpy number into one)'
        assert -1 <= answer <= 1, f'{name} is a difference of two probabilities: between -1 and 1'

