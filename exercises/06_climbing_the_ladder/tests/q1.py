from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=None, hidden=False)
def test_q1_types(k_threshold, p_threshold, k_margin, p_margin):
    names = {'k_threshold': k_threshold, 'p_threshold': p_threshold, 'k_margin': k_margin, 'p_margin': p_margin}
    for name, answer in names.items():
        assert isinstance(answer, float), f'{name} should be a float'
    for name in ('k_threshold', 'p_threshold'):
        assert 0 < names[name] < 1, f'{name} is an added probability of nuclear use: between 0 and 1 here'
    assert -1 < k_margin < 1 and -1 < p_margin < 1, 'a margin is a difference of probabilities: between -1 and 1'

