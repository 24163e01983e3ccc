"""Not the admin page: a placeholder for the address /kelola_data on a server's very first request, when
Streamlit looks for pages/kelola_data.py on its own. It holds no admin code and only hands over to the entry
point, which registers the real page (admin/kelola_data.py) on the internal instance alone."""

from koperasi_data.ui import status

status.hand_over_to_entry_point()
