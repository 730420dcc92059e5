"""The app server with its cache warmer: `python -m ui.serve run app.py [streamlit options]` is `streamlit run`
(the same command line, handled by Streamlit's own CLI) plus the thread of ui/warm.py, started before the server so
the first visitor finds each page's default view computed. CHAINKG_WARM=0 starts a plain, cold server."""

from streamlit.web import cli

from ui import warm

if __name__ == "__main__":
    warm.start()
    cli.main(prog_name="streamlit")
