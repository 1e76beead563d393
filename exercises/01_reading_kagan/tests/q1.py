from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=None, hidden=False)
def test_q1_type(k_checkable_share):
    assert isinstance(k_checkable_share, float), 'k_checkable_share should be a float, e.g. float(...)'
    assert 0 <= k_checkable_share <= 1, 'a share lies between 0 and 1 (not a percentage)'

