"""English for session 4's part of issue 16: the «Аккредитация» page's tabs on a narrow window
(ui/pages/accreditation_panes.py) and the vector print route (ui/printing.py: the PDF handed to CUPS as
it is; the preview, the progress and the status bar say which route a job takes)."""

PHRASES: dict[str, str] = {
    # ui/pages/accreditation_panes.py
    "Чек-лист": "Checklist",
    "Строки инфраструктурного листа мастерской": "The lines of the workshop's infrastructure list",
    "Готовность": "Readiness",
    "Сведения о мастерской и готовность по зонам (щелчок по столбцу отбирает строки)":
        "The workshop's particulars and its readiness by zone (a click on a bar filters the lines)",
    "Строка": "Line",
    "Связи, статус, комментарий и фото выбранной строки":
        "The selected line's links, status, comment and photos",
    # ui/printing.py
    "Команда печати lp не найдена: установите CUPS или печатайте через изображения страниц.":
        "The print command lp was not found: install CUPS or print as page images.",
    "Принтер «{0}»: задание не передано ({1}).": "Printer «{0}»: the job was not handed over ({1}).",
    "Принтер «{0}»: задание не принято: {1}": "Printer «{0}»: the job was refused: {1}",
    "PDF передаётся принтеру как есть (CUPS): печать векторная, текст не растрируется":
        "The PDF goes to the printer as it is (CUPS): vector printing, the text is not rasterised",
    "Страницы печатаются изображениями {0} dpi (в этой системе PDF нельзя передать принтеру как есть)":
        "The pages print as {0} dpi images (this system cannot hand a PDF to the printer as it is)",
    "Отправлено на печать: {0} стр., PDF как есть (CUPS, задание {1}).":
        "Sent to the printer: {0} pages, the PDF as it is (CUPS, job {1}).",
    "Отправлено на печать: {0} стр., изображениями {1} dpi.": "Sent to the printer: {0} pages, as {1} dpi images.",
    "Печать «{0}» — PDF как есть (CUPS)": "Printing «{0}» — the PDF as it is (CUPS)",
    "Печать «{0}» — изображения страниц, {1} dpi": "Printing «{0}» — page images, {1} dpi",
}
