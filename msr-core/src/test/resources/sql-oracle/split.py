"""Checks a split of SQL scripts into statements against PostgreSQL's own parser (libpg_query, Debian's python3-pglast).

Reads one script per line on stdin: base64 of the script's UTF-8 text, then base64 of each statement the runner split
it into, separated by spaces. Parses the whole script, as the server does when it runs the script as one query, and each
statement alone, and compares the parse trees (locations left out): the split is right when the script's statements
and the runner's are the same statements in the same order. Writes one line per script: "ok" and the number of
statements; "differ" and what differs; or "error" and the parser's message for the whole script.

The parser's own statement locations (stmt_location, stmt_len) are not used: libpg_query 15 gets them wrong after
statements such as ALTER EXTENSION ... DROP FUNCTION, so only the trees are compared.
"""
import base64
import json
import sys

from pglast import parser

LOCATIONS = ('location', 'stmt_location', 'stmt_len')


def without_locations(node):
    if isinstance(node, dict):
        return {key: without_locations(value) for key, value in node.items() if key not in LOCATIONS}
    if isinstance(node, list):
        return [without_locations(value) for value in node]
    return node


def trees(text):
    return [without_locations(statement.get('stmt')) for statement in json.loads(parser.parse_sql_json(text))
            .get('stmts', [])]


def check(script, statements):
    try:
        expected = trees(script)
    except Exception as error:  # the parser's errors carry no stable type across versions
        return 'error ' + ' '.join(str(error).split())
    actual = []
    for index, statement in enumerate(statements):
        try:
            parsed = trees(statement)
        except Exception as error:
            return 'differ: runner statement %d does not parse alone (%s): %r' % (
                index, ' '.join(str(error).split()), statement[:300])
        if len(parsed) != 1:
            return 'differ: runner statement %d holds %d statements: %r' % (index, len(parsed), statement[:300])
        actual.append(parsed[0])
    if len(actual) != len(expected):
        return 'differ: the parser reads %d statements, the runner %d' % (len(expected), len(actual))
    for index, (want, got) in enumerate(zip(expected, actual)):
        if want != got:
            return 'differ: runner statement %d is not the parser\'s statement %d: %r' % (
                index, index, statements[index][:300])
    return 'ok %d' % len(expected)


def main():
    for line in sys.stdin:
        fields = line.split()
        decoded = [base64.b64decode(field).decode('utf-8') for field in fields] or ['']
        print(check(decoded[0], decoded[1:]))
        sys.stdout.flush()


if __name__ == '__main__':
    main()
