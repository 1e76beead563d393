from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=None, hidden=False)
def test_q3_shape(min_tolerance_pct):
    assert isinstance(min_tolerance_pct, dict), 'min_tolerance_pct should be a dict'
    assert sorted(min_tolerance_pct) == ['first_published', 'latest_revision'], "use the keys 'first_published' and 'latest_revision'."
    assert all((isinstance(v, float) and 0 <= v <= 100 for v in min_tolerance_pct.values())), 'each value is a tolerance in percent: a float between 0 and 100'

