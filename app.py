"""tinynet playground: `streamlit run app.py`. Navigation only; each page is a file in pages/."""

import streamlit as st

st.set_page_config(page_title="tinynet playground", page_icon="🧠", layout="wide")

PAGES = [
    st.Page("pages/playground.py", title="Playground", icon="▶️", default=True),
    st.Page("pages/step_by_step.py", title="One step by hand", icon=":material/edit_note:"),
    st.Page("pages/landscape.py", title="Loss landscape", icon=":material/landscape:"),
    st.Page("pages/hidden_layer.py", title="Hidden layer", icon=":material/hub:"),
    st.Page("pages/sweep.py", title="Learning-rate sweep", icon=":material/tune:"),
    st.Page("pages/class.py", title="Class", icon=":material/groups:", url_path="class"),
]

st.navigation(PAGES).run()
