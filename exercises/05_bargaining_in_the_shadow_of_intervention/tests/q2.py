from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=None, hidden=False)
def test_q2_range(k_q_star, p_q_star):
    for name, answer in (('k_q_star', k_q_star), ('p_q_star', p_q_star)):
        assert isinstance(answer, float), f"{name} should be a float: the 'q' entry of what optimism_threshold returns"
        assert 0 <= answer <= 1, f'{name} is a belief, a probability between 0 and 1'

