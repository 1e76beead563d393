from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 2

@test_case(points=None, hidden=False)
def test_q5_type(k41_status_at_writing, k41_days_to_reversal):
    assert isinstance(k41_status_at_writing, str), 'k41_status_at_writing should be a string, as check.baltic_program_status returns it'
    assert isinstance(k41_days_to_reversal, int) and k41_days_to_reversal > 0, 'k41_days_to_reversal should be a positive whole number of days (int)'

