from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 2

@test_case(points=None, hidden=False)
def test_q5_type(k_false_today_ids, k_false_today_drop, k_classmate_right):
    assert isinstance(k_false_today_ids, list) and all((isinstance(i, str) for i in k_false_today_ids)), 'k_false_today_ids should be a list of claim ids (strings)'
    assert isinstance(k_false_today_drop, float) and -1 <= k_false_today_drop <= 1, 'k_false_today_drop should be a float between -1 and 1 (a difference of two thesis strengths)'
    assert isinstance(k_classmate_right, bool), 'k_classmate_right should be True or False'

