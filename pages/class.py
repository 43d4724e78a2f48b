"""Class Live: a teacher's board of the whole class's runs, and where students join.

A teacher starts a class; students open its join link, type a name and play in
the Playground; each run they stop lands on the board (playground/classlive).
"""

from playground.classlive.seats import Joined, Teaching
from playground.classlive.ui import student, teacher
from playground.classlive.ui.hooks import pending_code
from playground.controls import page

session = page("Class Live",
               "Everyone picks a learning rate, presses Play, and the board shows what happened.")
room, code = session.memory.room, pending_code(session)

if isinstance(room, Teaching):
    teacher.board_part()
elif isinstance(room, Joined) and code in (None, room.code):
    student.joined_page(session, room)
elif code is not None:
    student.join_form(session, code)
else:
    teacher.start_form(session)
