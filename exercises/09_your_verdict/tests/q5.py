from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 2

@test_case(points=None, hidden=False)
def test_q5_form(s19_filled_sections, s19_overall, s19_decisive_counts):
    from natodebate import assumptions
    assert isinstance(s19_filled_sections, list) and all((isinstance(s, str) for s in s19_filled_sections)), 's19_filled_sections should be a list of section names (strings)'
    assert set(s19_filled_sections) <= set(assumptions.SECTIONS), 's19_filled_sections: use section names as in the file, e.g. crux or weighting_K'
    assert s19_overall in ('K', 'P', 'neither'), 's19_overall should be K, P or neither, as verdict.overall returns'
    assert isinstance(s19_decisive_counts, dict) and set(s19_decisive_counts) == {'K', 'P'}, 's19_decisive_counts should be a dict with exactly the keys K and P'
    assert all((isinstance(n, int) and n >= 0 for n in s19_decisive_counts.values())), 's19_decisive_counts: the counts are whole numbers (int)'

