from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 2

@test_case(points=None, hidden=False)
def test_q5_form(k37_better, k37_worse):
    from natodebate import models
    band = models.forecasts.hedge_probability('could')
    for name, answer in (('k37_better', k37_better), ('k37_worse', k37_worse)):
        assert isinstance(answer, tuple) and len(answer) == 2, f'{name} should be a tuple (reading, happens)'
        reading, happens = answer
        assert isinstance(reading, (int, float)) and (not isinstance(reading, bool)), f'{name}: the reading should be a number'
        assert band['low'] - 1e-09 <= reading <= band['high'] + 1e-09, f"{name}: the reading of 'could' should lie inside its band, {band['low']} to {band['high']}"
        assert isinstance(happens, bool), f'{name}: whether K37 happens should be True or False'

