from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=None, hidden=False)
def test_q3_type(p_second_claim, p_second_swing):
    assert isinstance(p_second_claim, str) and p_second_claim.startswith('P'), "p_second_claim should be a claim id of this article, a string like 'P01'."
    assert isinstance(p_second_swing, float), 'p_second_swing should be a float'
    assert -1 <= p_second_swing <= 1, 'a swing is a difference of two thesis strengths, so it lies between -1 and 1'

