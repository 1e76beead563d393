from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=None, hidden=False)
def test_q2_shape(correct_belief_n8, presets_flipped_by_error):
    assert isinstance(correct_belief_n8, dict) and sorted(correct_belief_n8) == ['K', 'P', 'neutral'], "correct_belief_n8 should be a dict with the keys 'K', 'P' and 'neutral'."
    assert all((isinstance(v, float) and 0 <= v <= 1 for v in correct_belief_n8.values())), 'each belief is a float between 0 and 1'
    assert isinstance(presets_flipped_by_error, list) and set(presets_flipped_by_error) <= {'K', 'P', 'neutral'}, "presets_flipped_by_error should be a list of reader names ('K', 'P', 'neutral')"

