"""tinynet playground: `streamlit run app.py`. Navigation only; each page is a file in pages/."""

import streamlit as st

st.set_page_config(page_title="tinynet playground", page_icon="🧠", layout="wide")

PAGES = [
    st.Page("pages/playground.py", title="Playground", icon="▶️", default=True),
]

st.navigation(PAGES).run()
