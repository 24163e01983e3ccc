"""UMKM & Tenaga Kerja: enterprises and the workers they employ, by kecamatan, sector and scale."""

import streamlit as st

from koperasi_data import cards, schema, ui
from koperasi_data.i18n import N_, _

view = ui.current_view()
ui.page_header(_("UMKM dan tenaga kerja"),
               _("Usaha mikro, kecil dan menengah yang tercatat Dinas, dan berapa orang yang bekerja di dalamnya."))

st.header(_("Angka terbit tahun {0}").format(view.year))
ui.card_row("umkm-terbit", view)

st.header(_("Sebaran UMKM 2016"))
ui.illustrative_badge(view.dataset, schema.UMKM, cards.umkm_badge())
ui.view_tabs({N_("Grafik"): "umkm-kecamatan", N_("Peta: unit usaha"): "peta-umkm",
              N_("Peta: tenaga kerja"): "peta-umkm-tenaga-kerja"}, view)
for slug in ("umkm-sektor", "umkm-skala"):
    ui.view(slug, view)

st.header(_("Angka UMKM lain yang terbit"))
st.warning(_("Angka-angka ini **mengukur hal yang berbeda**: unit usaha tercatat (2016), pelaku UMKM, pelaku "
             "berizin, dan UMKM ber-NIB. Jangan dibaca sebagai satu deret naik-turun."), icon=":material/warning:")
ui.view("umkm-ukuran", view)
ui.view_tabs({N_("Grafik"): "umkm-halal", N_("Peta"): "peta-halal"}, view)
ui.definitions(view.dataset, ["UMKM", "Usaha mikro / kecil / menengah", "Tenaga kerja UMKM", "NIB",
                              "Sertifikat halal", "BPUM", "Data ilustratif"])
