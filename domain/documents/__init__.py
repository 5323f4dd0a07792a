"""The document reader, pure: lines, cards, tables, sections and Dutch dates become activities and
milestones."""
