"""The web face: trilingual pages for applicants, reviewers, officials."""
