"""Django side of the rules kernel: rule-set versions, stored determinations, what-if runs."""
