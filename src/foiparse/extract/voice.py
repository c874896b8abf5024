"""Who is speaking in a stretch of a letter: the requester asking, or the authority answering.

Many published responses reproduce the request with no cue before it: a disclosure-log
entry gives the requester's text and then the answer, a questionnaire interleaves each
question with its answer. What tells the two voices apart is how they are written: the
requester asks ("please provide", "could you", "I would like", a question to "you"),
the authority answers ("we hold", "please find", "the Council does not").
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from foiparse.lazyre import lazy

Voice = Literal["requester", "authority", "neutral"]

# An authority stating what it does; in a question ("Does the Trust have ...?") the requester asks it.
_STATING = lazy(
    r"""\bthe[ \t\n]+(?:council|trust|force|department|authority|service|board|government|office|agency)[ \t\n]+
          (?:does|do|holds?|has|have|is|can|cannot|can't|did|will|would)\b
      | ^[ \t]*the[ \t\n]+(?:council|trust|force|department|authority|service|board|government|office|agency)[ \t\n]+
          (?:maintains|operates|employs|owns|runs|received|spent|issued|recorded|paid|employed|made|carried[ \t\n]+out)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_ASKING = lazy(
    r"""\bplease[ \t\n]+(?:could[ \t\n]+you[ \t\n]+|can[ \t\n]+you[ \t\n]+|also[ \t\n]+|only[ \t\n]+)?
          (?:provide|supply|send|confirm|include|give|tell|advise|disclose|list|state|explain|share|forward
            |detail|clarify|outline|indicate|specify|identify|break|release|email|e-mail|answer|only)\b
      | \b(?:could|can|would|will)[ \t\n]+you[ \t\n]+(?:please[ \t\n]+)?(?:provide|supply|send|confirm|tell|give
            |advise|let|disclose|list|state|explain|share|forward|get|also|inform)\b
      | \bI(?:[ \t\n]+would|['’]d)[ \t\n]+like[ \t\n]+(?:to[ \t\n]+(?:request|ask|know|see|obtain|receive|have|access|find[ \t\n]+out
            |be[ \t\n]+(?:sent|given|provided|told))|a[ \t\n]+copy|copies|details|information|the|all|any)\b
      | \bI(?:[ \t\n]+(?:would|should)|['’]d)[ \t\n]+be[ \t\n]+grateful[ \t\n]+(?:to[ \t\n]+(?:know|understand|receive|see|have|obtain|learn)|for)\b
      | \bI(?:[ \t\n]+(?:would|should)|['’]d)[ \t\n]+(?:be[ \t\n]+grateful|appreciate)[ \t\n]+(?:it[ \t\n]+)?if[ \t\n]+you[ \t\n]+(?:could|would)
            [ \t\n]+(?:please[ \t\n]+)?(?:provide|send|supply|give|tell|disclose|share|forward)\b
      | \bI[ \t\n]+(?:am|'m)[ \t\n]+(?:writing[ \t\n]+to[ \t\n]+(?:request|ask)|requesting|asking|seeking|looking[ \t\n]+for
            |interested|an?[ \t\n]+(?:journalist|researcher|student|intern|reporter|member[ \t\n]+of[ \t\n]+the[ \t\n]+public|resident))\b
      | \bI[ \t\n]+(?:hereby[ \t\n]+)?(?:request|require|will[ \t\n]+be[ \t\n]+asking)\b
      | \bI[ \t\n]+(?:wish|want|need)[ \t\n]+(?:to[ \t\n]+(?:request|ask|know|see|obtain|receive|access|find[ \t\n]+out)|a[ \t\n]+copy|copies|details|information)\b
      | \b(?:it[ \t\n]+would[ \t\n]+be[ \t\n]+(?:great|helpful|useful)[ \t\n]+if[ \t\n]+you)\b
      | \bmy[ \t\n]+request\b
      | \bwe[ \t\n]+(?:are|'re)[ \t\n]+(?:requesting|seeking[ \t\n]+(?:access|copies|information|details|the|all|any)
            |writing[ \t\n]+to[ \t\n]+request)\b
      | ^[ \t]*this[ \t\n]+(?:is[ \t\n]+an?[ \t\n]+(?:(?:foi|freedom[ \t\n]+of[ \t\n]+information|information|records?|eir)[ \t\n]+)?request
            |request[ \t\n]+(?:concerns|relates[ \t\n]+to|is[ \t\n]+(?:about|for|regarding|concerning)))\b
      | ^[ \t]*(?:\(?\d{1,2}[.)][ \t]*)?how[ \t\n]+(?:many|much|often|long)\b[^.?!]{3,200}?\byou(?:r)?\b
      | \b(?:your|the)[ \t\n]+(?:organisation|organization|council|trust|force|authority|department|service|board)
            [ \t\n]+(?:has|have|holds?|uses?|employs?|spent|spends|pays?|received|receives?|made|issued|recorded)\b[^.?!]*\?
      | \b(?:how[ \t\n]+(?:many|much|often|long)|what|which|when|where|who|whether|do|does|did|is|are|was|were|has|have)\b
            [^.?!:]{3,300}\?""",
    re.IGNORECASE | re.VERBOSE,
)
# Answering phrases of more than one word; the single words are in _ANSWERING_WORDS.
_ANSWERING = lazy(
    r"""\bwe[ \t\n]+(?:hold|held|have|had|do[ \t\n]+not|don't|cannot|can't|can|are[ \t\n]+(?:unable|able|not|pleased|sorry)|did|received
            |issued|spent|recorded|employ|publish|collect|keep|will[ \t\n]+(?:not|be)|would[ \t\n]+(?:not|be)|apologise|apologize
            |regret|note|consider|estimate|believe|understand|enclose|attach|confirm|hope|trust|thank|aim|must)\b
      | \bour[ \t\n]+(?:records|response|systems?|reply|answer|ref(?:erence)?|website|disclosure|team|data|figures|policy
            |staff|officers|decision|review|apologies|services?)\b
      | \b(?:contact|with|from|to|email|write[ \t\n]+to)[ \t\n]+us\b
      | \bI(?:[ \t\n]+would|['’]d)[ \t\n]+like[ \t\n]+to[ \t\n]+(?:confirm|advise|inform|apologise|apologize|thank|remind|explain|clarify
            |reassure|assure|point|take)\b
      | \bI[ \t\n]+(?:wish|need|want)[ \t\n]+to[ \t\n]+(?:advise|inform|explain|confirm|apologise|apologize|clarify|remind|point)\b
      | \bif[ \t\n]+(?:I|you)[ \t\n]+(?:am|are)[ \t\n]+(?:un|dis)?(?:happy|satisfied)\b
      | \bplease[ \t\n]+(?:find|see|note|contact|do[ \t\n]+not|don't|refer|quote|accept)\b
      | \bI[ \t\n]+(?:can|have|hope|trust|enclose|attach|apologise|apologize|regret)\b
      | \bI[ \t\n]+am[ \t\n]+(?:pleased|able|unable|sorry|afraid|writing[ \t\n]+to[ \t\n]+(?:confirm|inform|let|advise))\b
      | \byou[ \t\n]+(?:can|may|have[ \t\n]+the[ \t\n]+right)\b
      | \bif[ \t\n]+you[ \t\n]+(?:are|have)\b
      | \bin[ \t\n]+(?:response|reply|answer)[ \t\n]+to\b
      | \bthank[ \t\n]+you\b
      | \backnowledges?[ \t\n]+receipt\b|\bpayable[ \t\n]+to\b
      | \b(?:why|how|what|when|where|who)[ \t\n]+(?:have|did|do|can|should|will|must|may)[ \t\n]+I\b""",
    re.IGNORECASE | re.VERBOSE,
)
_ANSWERING_WORDS = frozenset(["attached", "enclosed", "herewith"])
_ANSWERING_HINTS = frozenset(
    ["please", "i", "you", "in", "thank", "we", "our", "us", "acknowledge", "acknowledges", "payable"]
)
_ASKING_HINTS = frozenset(["please", "you", "i", "i'd", "i'm", "my", "it", "this", "we"])
_STATING_HINTS = frozenset(["council", "trust", "force", "department", "authority", "service", "board", "government"])
_WORDS = re.compile(r"[a-z']+")


def asks(text: str) -> bool:
    """Whether ``text`` is the requester asking (see :func:`voice`)."""
    return voice(text) == "requester"


@functools.lru_cache(maxsize=4096)
def voice(text: str) -> Voice:
    """The voice of ``text``: an answering phrase makes it the authority's, else an ask the requester's.

    Each pattern runs only when the words it needs are present: this is asked of many
    sentences per letter.
    """
    text = text.replace("’", "'")  # "We don’t hold" is "We don't hold"
    words = set(_WORDS.findall(text.lower()))
    if words & _ANSWERING_WORDS or (words & _ANSWERING_HINTS and _ANSWERING().search(text)):
        return "authority"
    if ("?" in text or words & _ASKING_HINTS) and _ASKING().search(text):
        return "requester"
    return "authority" if words & _STATING_HINTS and _STATING().search(text) else "neutral"
