from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=None, hidden=False)
def test_q2_shape(k_claim_types):
    from natodebate import models
    assert isinstance(k_claim_types, dict), 'k_claim_types should be a dict from claim id to claim type'
    assert sorted(k_claim_types) == ['K06', 'K17', 'K27', 'K33'], 'the keys should be exactly the four claim ids K06, K17, K27, K33'
    assert all((kind in models.CLAIM_TYPES for kind in k_claim_types.values())), 'spell each type as in models.CLAIM_TYPES'

