from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=None, hidden=False)
def test_q2_types(k_intervenes_with_p_pi_r, p_intervenes_with_k_pi_r, decision_deciding_input):
    from natodebate import models
    inputs = sorted(models.escalation.preset('K', 'decide'))
    assert isinstance(k_intervenes_with_p_pi_r, bool), "k_intervenes_with_p_pi_r should be a bool: the 'intervene' entry of decide"
    assert isinstance(p_intervenes_with_k_pi_r, bool), "p_intervenes_with_k_pi_r should be a bool: the 'intervene' entry of decide"
    assert decision_deciding_input in inputs, f'decision_deciding_input should name one of the inputs of decide: {inputs}'

