from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=None, hidden=False)
def test_q3_type(k_second_claim, k_second_swing):
    assert isinstance(k_second_claim, str) and k_second_claim.startswith('K'), "k_second_claim should be a claim id of this article, a string like 'K06'."
    assert isinstance(k_second_swing, float), 'k_second_swing should be a float'
    assert -1 <= k_second_swing <= 1, 'a swing is a difference of two thesis strengths, so it lies between -1 and 1'

