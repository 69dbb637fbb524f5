import { DateTime } from "luxon";
import { PDFDocument, type PDFFont, rgb, StandardFonts } from "pdf-lib";

/**
 * The certificate as a one-page A4 landscape PDF (pdf-lib): the learner's name, what they
 * completed, the date, the verification code and where to check it. The PDF carries no
 * authority of its own: the code is looked up on the verify page. The same facts go in the
 * document's metadata so software (and tests) can read them back.
 */
export type CertificateFacts = {
  learnerName: string;
  title: string;
  issuedAt: Date;
  code: string;
  verifyUrl: string;
  workspaceName: string;
  revoked: boolean;
};

/** The standard fonts speak WinAnsi only: accents are kept where Latin-1 has them, anything else falls back. */
function printable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  return [...text]
    .map((ch) => {
      if (known.has(ch.codePointAt(0) as number)) return ch;
      const plain = ch.normalize("NFKD").replace(/\p{M}/gu, "");
      return [...plain].every((c) => known.has(c.codePointAt(0) as number)) ? plain : "?";
    })
    .join("");
}

export async function certificatePdf(facts: CertificateFacts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([842, 595]);
  const serif = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const sans = await pdf.embedFont(StandardFonts.Helvetica);
  const ink = rgb(0.13, 0.16, 0.22);
  const muted = rgb(0.38, 0.42, 0.5);
  const { width } = page.getSize();

  const centred = (text: string, y: number, font: PDFFont, size: number, color = ink) => {
    const line = printable(font, text);
    // Shrink long names and titles to fit the page rather than run off it.
    let s = size;
    while (s > 10 && font.widthOfTextAtSize(line, s) > width - 120) s -= 1;
    page.drawText(line, { x: (width - font.widthOfTextAtSize(line, s)) / 2, y, size: s, font, color });
  };

  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: 547, borderColor: muted, borderWidth: 1.5 });
  centred(facts.workspaceName, 505, sans, 14, muted);
  centred("Certificate of completion", 440, bold, 34);
  centred("This certifies that", 390, serif, 16, muted);
  centred(facts.learnerName, 345, bold, 30);
  centred("has completed", 305, serif, 16, muted);
  centred(facts.title, 262, bold, 24);
  centred(DateTime.fromJSDate(facts.issuedAt, { zone: "utc" }).toFormat("d LLLL yyyy"), 215, serif, 16);
  centred(`Verification code: ${facts.code}`, 130, sans, 13);
  centred(`Check it at ${facts.verifyUrl}`, 108, sans, 11, muted);
  if (facts.revoked)
    centred("REVOKED: this certificate is no longer valid", 70, bold, 16, rgb(0.7, 0.1, 0.1));

  pdf.setTitle(`${facts.title}: certificate of completion`);
  pdf.setAuthor(facts.learnerName);
  pdf.setSubject(`Verification code ${facts.code}`);
  pdf.setKeywords([facts.code, facts.verifyUrl]);
  pdf.setCreator("Rapport academy");
  pdf.setCreationDate(facts.issuedAt);
  return pdf.save();
}
