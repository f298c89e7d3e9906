"""Claims (SC6xx): the trust page's promises in the policy, checked against the app."""
