/**
 * The Python side of notebook execution: nbclient (the engine behind `jupyter nbconvert --execute`)
 * runs the notebook cell by cell in a kernel whose working directory we choose, and nbconvert's
 * HTMLExporter writes the page. Driving nbclient directly, rather than the nbconvert command,
 * gives the failing cell's index and its stderr (tslab reports compile errors there, not in the
 * error reply) and writes the executed .ipynb and the HTML from one execution.
 */

/** Python interpreter that has nbclient/nbconvert (Debian's); `JUPYTER_PYTHON` overrides it. */
export const JUPYTER_PYTHON = process.env.JUPYTER_PYTHON ?? '/usr/bin/python3';

/**
 * nbconvert template: JupyterLab's look without require.js and MathJax, which the notebooks do not
 * use and which Debian points at file:// paths that usually do not exist (failed loads on every view).
 */
export const REPORT_TEMPLATE = `{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
`;

/**
 * Script arguments (one JSON object in argv[1]): notebook, ipynbOut, htmlOut, failureOut, cwd,
 * kernel, timeout, templateFile. Exit 0: both outputs written. Exit 3: a cell failed, details in
 * failureOut as JSON {index, source, ename, evalue, traceback, stderr}. Other exits: setup errors.
 */
export const NBCLIENT_DRIVER = String.raw`
import json, sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

args = json.loads(sys.argv[1])

def text_of(value):
    return ''.join(value) if isinstance(value, list) else (value or '')

def run_cells(nb, client):
    for index, cell in enumerate(nb.cells):
        try:
            client.execute_cell(cell, index)
        except CellExecutionError as error:
            stderr = ''.join(text_of(o.get('text')) for o in cell.get('outputs', [])
                             if o.get('output_type') == 'stream' and o.get('name') == 'stderr')
            errors = [o for o in cell.get('outputs', []) if o.get('output_type') == 'error']
            return {'index': index, 'source': text_of(cell.source),
                    'ename': error.ename, 'evalue': error.evalue,
                    'traceback': error.traceback, 'stderr': stderr,
                    'errorOutputs': ['\n'.join(o.get('traceback', [])) for o in errors]}
    return None

# tslab's kernel now and then fails its first handshake (zeromq: "Socket is blocked by a bind or unbind
# operation"), and nbclient then waits out its start-up timeout. Only a kernel that never started is tried
# again, at most twice; a failure after the kernel answered is the notebook's and is reported as it is.
for attempt in range(3):
    nb = nbformat.read(args['notebook'], as_version=4)
    client = NotebookClient(nb, kernel_name=args['kernel'], timeout=args['timeout'],
                            resources={'metadata': {'path': args['cwd']}})
    started = False
    try:
        with client.setup_kernel():
            started = True
            failure = run_cells(nb, client)
        break
    except Exception as error:
        if started or attempt == 2:
            raise
        sys.stderr.write('kernel did not start (%s: %s); starting it again\n' % (type(error).__name__, error))

if failure is not None:
    with open(args['failureOut'], 'w') as f:
        json.dump(failure, f)
    sys.exit(3)

nbformat.write(nb, args['ipynbOut'])
exporter = HTMLExporter(template_file=args['templateFile'])
body, _ = exporter.from_notebook_node(nb, resources={'metadata': {'name': args['title']}})
with open(args['htmlOut'], 'w', encoding='utf-8') as f:
    f.write(body)
`;
