"""Reminder rules, pure: due dates, recurrences, working days, spreading and budgets that add up."""
