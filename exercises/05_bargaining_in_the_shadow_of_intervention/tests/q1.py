from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=None, hidden=False)
def test_q1_shape(k_threat_range, p_threat_range):
    for name, answer in (('k_threat_range', k_threat_range), ('p_threat_range', p_threat_range)):
        assert isinstance(answer, tuple) and len(answer) == 2, f'{name} should be a tuple (low, high), as bargaining_range returns it'
        assert all((isinstance(x, float) for x in answer)), f'{name}: low and high should be floats (shares of the stake)'
        assert answer[0] < answer[1], f'{name}: the low end should come first'

