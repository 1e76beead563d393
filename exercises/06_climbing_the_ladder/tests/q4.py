from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 2

@test_case(points=None, hidden=False)
def test_q4_types(k_response_risk_for_silence, p_lr_response_for_answering):
    assert isinstance(k_response_risk_for_silence, (int, float)) and (not isinstance(k_response_risk_for_silence, bool)), 'k_response_risk_for_silence should be a number'
    assert 0 <= k_response_risk_for_silence <= 1, 'k_response_risk_for_silence is a probability: between 0 and 1'
    assert isinstance(p_lr_response_for_answering, (int, float)) and (not isinstance(p_lr_response_for_answering, bool)), 'p_lr_response_for_answering should be a number'
    assert p_lr_response_for_answering > 0, 'a likelihood ratio is positive'

