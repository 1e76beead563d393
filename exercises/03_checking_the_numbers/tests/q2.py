from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=None, hidden=False)
def test_q2_shape(k29_passes_by_reading):
    assert isinstance(k29_passes_by_reading, dict), 'k29_passes_by_reading should be a dict'
    assert sorted(k29_passes_by_reading) == ['December 2021', 'range bottom', 'range top'], "use exactly the keys 'range top', 'range bottom' and 'December 2021'."
    assert all((isinstance(v, bool) for v in k29_passes_by_reading.values())), 'each value should be True or False (a bool)'

