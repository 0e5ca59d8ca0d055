"""Fixed wording shared by several screens."""

CDM_STEPS = (
    "Collect information",
    "Assess situation, threats and risks",
    "Consider police powers and agency policy",
    "Identify options and determine the best course of action",
    "Act, review and re-assess",
)

MODE_NAMES = {"coach": "coach", "assess": "assessment"}


def stars(level: int, out_of: int = 5) -> str:
    return "●" * level + "○" * (out_of - level)
