from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 2

@test_case(points=None, hidden=False)
def test_q4_form(k_reader_turned, p_reader_turned):
    from natodebate import models
    table = models.verdict.assumption_table()
    for name, answer, reader in (('k_reader_turned', k_reader_turned, 'K'), ('p_reader_turned', p_reader_turned, 'P')):
        start = models.verdict.reader_values(reader)
        assert isinstance(answer, dict) and set(answer) == set(start), f'{name} should be a dict of sections, as reader_values returns'
        assert all((isinstance(answer[s], dict) and set(answer[s]) == set(start[s]) for s in start)), f"{name}: keep every section's names as in reader_values('{reader}'); change values only"
        changed = [key for key, row in table.iterrows() if answer[row['section']][row['name']] != start[row['section']][row['name']]]
        assert len(changed) <= 4, f"{name}: {len(changed)} assumptions differ from reader_values('{reader}'); at most four may"
        for key in changed:
            row = table.loc[key]
            assert row['K'] != row['P'] and row['scale'] != 'choice', f'{name}: {key} is not an assumption on which the two presets differ'
            value = answer[row['section']][row['name']]
            if row['scale'] == 'ordinal':
                assert value in ('II', 'I', 'N', 'C', 'CC'), f'{name}: {key} is a rating, one of II, I, N, C, CC'
            else:
                assert isinstance(value, (int, float)) and (not isinstance(value, bool)), f'{name}: {key} should be a number'
            where = models.verdict.position(value, row['K'], row['P'], row['scale'])
            assert -1e-09 <= where <= 1 + 1e-09, f'{name}: {key} lies outside the two presets (position {where:.2f}); keep it from 0 to 1'

