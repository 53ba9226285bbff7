"""Logging glue: no BSN in any log line."""

import logging

from eigenplan.households.identifiers import redact_bsns


class RedactBSNFilter(logging.Filter):
    """Replaces every number that passes the elfproef with [BSN] in the message, its arguments,
    the traceback and the stack of a log record; never drops a record.

    The message is formatted here, with its arguments, and the record keeps only the redacted
    text: an argument of any type (a dict, a model, an exception) is covered the same way. Put
    it on handlers, not on loggers: a logger's filters do not see records from its children."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep both parts, redacted
            message = f"{record.msg!s} {record.args!r}"
        record.msg = redact_bsns(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_bsns(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_bsns(record.stack_info)
        return True
