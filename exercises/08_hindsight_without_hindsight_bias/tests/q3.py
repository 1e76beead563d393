from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=None, hidden=False)
def test_q3_types(forecasters_brier_nuclear, forecasters_brier_other):
    for name, answer in (('forecasters_brier_nuclear', forecasters_brier_nuclear), ('forecasters_brier_other', forecasters_brier_other)):
        assert isinstance(answer, float), f'{name} should be a float, as fc.brier_score returns it'
        assert 0 <= answer <= 1, f'{name}: a Brier score lies between 0 and 1'

