"""Kemitraan: the 2016 strategy (three obstacles, their partners) and what the partnerships achieved."""

import streamlit as st

from koperasi_data import cards, charts, kemitraan, schema, ui

ICONS = {"Modal usaha": ":material/payments:", "SDM": ":material/school:", "Jaringan": ":material/hub:"}

view = ui.current_view()
ui.page_header("Kemitraan",
               "Pada Hari Koperasi 2016 Dinas menyebut tiga kendala koperasi (**modal usaha**, **SDM**, "
               "**jaringan**) dan menjawab masing-masing dengan mitra. Apa yang sudah dikerjakan, dan apa hasilnya?")

st.header("Tiga kendala, tiga jawaban")
for column, item in zip(st.columns(3), cards.kemitraan_summary(view.dataset, view.values)):
    with column, st.container(border=True):
        st.markdown(f"### {ICONS[item.obstacle]} {item.obstacle}")
        st.markdown(f"**Mitra: {item.partners}**")
        st.markdown(item.answer)
st.caption(cards.strategy_line(view.values))

st.header("Angka terbit")
if view.kecamatan:
    st.info("Angka terbit berlaku untuk seluruh kabupaten; filter kecamatan dipakai di register kemitraan di bawah.",
            icon=":material/filter_alt:")
ui.cards(cards.latest_cards(view.values, [(schema.SHAT_KUOTA, "Kuota SHAT UMKM dari BPN"),
                                          (schema.SHAT_USULAN, "Bidang SHAT diusulkan Dinas"),
                                          (schema.SHT_KUOTA, "Kuota SHT UMKM"),
                                          (schema.UMKM_UNIT, "Unit UMKM tercatat")]))
st.markdown("Belum ada angka terbit tentang pinjaman dari Pegadaian atau bank, pelatihan pengurus oleh STAIN "
            "Pamekasan, atau kemitraan koperasi dengan UMKM. Bagian berikut memakai register kemitraan ilustratif.")

st.header("Register kemitraan")
ui.illustrative_badge(view.dataset, schema.FINANCING, "Data ilustratif: catatan kemitraan buatan, bukan data nyata")
koperasi = view.dataset[schema.KOPERASI]
parcels = kemitraan.in_kecamatan(view.dataset[schema.CERTIFICATION], koperasi, view.kecamatan)
loans = kemitraan.in_kecamatan(view.dataset[schema.FINANCING], koperasi, view.kecamatan)
training = kemitraan.in_kecamatan(view.dataset[schema.TRAINING], koperasi, view.kecamatan)
network = kemitraan.in_kecamatan(view.dataset[schema.NETWORK], koperasi, view.kecamatan)
if not kemitraan.has_records(parcels, loans, training, network):
    st.info("Tidak ada catatan kemitraan di kecamatan yang dipilih. Kosongkan filter kecamatan untuk melihat "
            "seluruh kabupaten.", icon=":material/info:")
else:
    st.subheader("Modal usaha: dari sertipikat BPN ke pinjaman Pegadaian dan bank")
    ui.cards(cards.collateral_cards(kemitraan.loan_totals(parcels, loans), view.dataset))
    source = cards.kemitraan_line(view.dataset, schema.FINANCING)
    ui.chart(charts.collateral_funnel(kemitraan.collateral_funnel(parcels, loans)), view.dataset,
             "kemitraan-agunan", source, register=schema.FINANCING)
    ui.chart(charts.loans_by_lembaga(kemitraan.loans_by_lembaga(loans)), view.dataset, "kemitraan-lembaga", source,
             register=schema.FINANCING)

    st.subheader("SDM: pengurus koperasi dilatih STAIN Pamekasan")
    totals = kemitraan.training_totals(training)
    ui.cards(cards.training_cards(totals, view.dataset))
    ui.chart(charts.training_by_year(kemitraan.training_by_year(training), totals), view.dataset,
             "kemitraan-pelatihan", cards.kemitraan_line(view.dataset, schema.TRAINING),
             register=schema.TRAINING)

    st.subheader("Jaringan: koperasi bermitra dengan UMKM binaan")
    ui.cards(cards.network_cards(kemitraan.network_totals(network), view.dataset))
    ui.chart(charts.network_by_kecamatan(kemitraan.network_by_kecamatan(network, koperasi, view.kecamatan_shown)),
             view.dataset, "kemitraan-jejaring", cards.kemitraan_line(view.dataset, schema.NETWORK),
             register=schema.NETWORK)

    st.subheader("Ketiga kemitraan per kecamatan")
    ui.illustrative_badge(view.dataset, schema.FINANCING)
    ui.table(kemitraan.partnership_by_kecamatan(koperasi, parcels, loans, training, network, view.kecamatan_shown),
             view.dataset, "kemitraan-kecamatan", "kemitraan per kecamatan")
    st.caption(cards.kemitraan_line(view.dataset, schema.FINANCING, "Register kemitraan"))
ui.definitions(view.dataset, ["Sertifikasi aset / bankable", "BPN", "Agunan", "SHAT UMKM", "SHT UMKM", "Pegadaian",
                              "Bank BUMN / bank daerah / BPR", "Pinjaman diperoleh", "STAIN Pamekasan",
                              "Pengurus koperasi", "UMKM binaan", "Data ilustratif"])
