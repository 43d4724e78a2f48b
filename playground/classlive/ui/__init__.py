"""Class Live's pages: the Streamlit side (the store underneath imports no Streamlit).

    hooks.py     what the shared pages call: check_in (every page), held and post_run (the Playground)
    student.py   joining, the light check, the hold and the posts
    teacher.py   starting a class, the board, the commands, projecting a run
    connect.py   the process's store and the caller's id
"""
