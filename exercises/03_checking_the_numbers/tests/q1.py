from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=None, hidden=False)
def test_q1_shape(p16_passes_by_reading):
    assert isinstance(p16_passes_by_reading, dict), 'p16_passes_by_reading should be a dict'
    assert sorted(p16_passes_by_reading) == ['GDP', 'area', 'population'], "use exactly the keys 'area', 'population' and 'GDP'."
    assert all((isinstance(v, bool) for v in p16_passes_by_reading.values())), 'each value should be True or False (a bool)'

