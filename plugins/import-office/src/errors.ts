// The office importer's refusals, with messages to show the user as they are.

/** An input the importer refuses. */
export class OfficeFileError extends Error {
  override name = 'OfficeFileError';
}

/** An input over a size limit (inflated bytes, rows): the host answers 413. */
export class OfficeLimitError extends OfficeFileError {
  override name = 'OfficeLimitError';
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}
