from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 2

@test_case(points=None, hidden=False)
def test_q5_type(p_false_today_ids, p_false_today_drop, p_classmate_right):
    assert isinstance(p_false_today_ids, list) and all((isinstance(i, str) for i in p_false_today_ids)), 'p_false_today_ids should be a list of claim ids (strings)'
    assert isinstance(p_false_today_drop, float) and -1 <= p_false_today_drop <= 1, 'p_false_today_drop should be a float between -1 and 1 (a difference of two thesis strengths)'
    assert isinstance(p_classmate_right, bool), 'p_classmate_right should be True or False'

