"""The viewpoint check: a customer step's action must be told from the customer's point of view.

"Send a quote" is what the company does and belongs in the step's backstage; "Ask for a quote" is the
customer's step. The words that tell them apart are data (lexicons/en.toml, lexicons/fr.toml), which users
extend from journeymap.toml with the same keys.
"""

from journeymap.viewpoint.findings import ViewpointFinding
from journeymap.viewpoint.grammar import check_action
from journeymap.viewpoint.lexicon import Lexicon, lexicon_keys, load_lexicon

__all__ = ["Lexicon", "ViewpointFinding", "check_action", "lexicon_keys", "load_lexicon"]
