from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 2

@test_case(points=None, hidden=False)
def test_q4_type(p21_forecasts_before_article, p21_spring_mean_error_pp):
    assert isinstance(p21_forecasts_before_article, int) and p21_forecasts_before_article >= 0, 'p21_forecasts_before_article should be a whole number (int) of forecasts, 0 or more'
    assert isinstance(p21_spring_mean_error_pp, float), 'p21_spring_mean_error_pp should be a float'
    assert -50 < p21_spring_mean_error_pp < 50, 'an error in percentage points of growth should lie well within ±50'

