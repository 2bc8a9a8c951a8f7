"""claimgraph explorer: ``streamlit run app.py``. Wires the pages together, nothing else."""

import streamlit as st

from claimgraph.explorer import pages, picker

st.set_page_config(page_title="claimgraph explorer", page_icon="🔎", layout="wide")
picker.render_sidebar()
st.navigation(pages.all_pages()).run()
