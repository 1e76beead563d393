from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 2

@test_case(points=None, hidden=False)
def test_q4_form(p_readings_better, p_readings_worse):
    from natodebate import models
    fc = models.forecasts
    hedges = fc.readable_hedges()
    for name, answer in (('p_readings_better', p_readings_better), ('p_readings_worse', p_readings_worse)):
        assert isinstance(answer, dict), f'{name} should be a dict {{hedge: probability}}'
        assert sorted(answer) == sorted(hedges), f'{name} should read exactly these hedges: {hedges}'
        for hedge, value in answer.items():
            band = fc.hedge_probability(hedge)
            assert band['low'] - 1e-09 <= value <= band['high'] + 1e-09, f"{name}: the reading of {hedge!r} should lie inside its band, {band['low']} to {band['high']}"

