from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=None, hidden=False)
def test_q3_type(p_if_resolute_for_probe):
    assert isinstance(p_if_resolute_for_probe, float), 'p_if_resolute_for_probe should be a float'
    assert 0 < p_if_resolute_for_probe <= 1, 'P(O | resolute) is a probability: above 0 (some resolute NATO restrains) and at most 1'

