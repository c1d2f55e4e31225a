import { DEFAULT_COUNTRY_CODE, type RemedyMode } from '@tidal-remedy/contracts';
import {
  type TidalClient,
  TidalForbiddenError,
  TidalNotFoundError,
  WriteAccessError,
  writeAccessProblem,
} from '@tidal-remedy/tidal';

/**
 * Fails a remedy that would publish (new, in-place, review) with credentials that cannot write, before it
 * reads anything: an app-only token, or a user token without playlists.write. A dry run writes nothing.
 */
export async function assertCanPublish(
  tidal: Pick<TidalClient, 'tokenInfo'>,
  mode: RemedyMode,
): Promise<void> {
  if (mode === 'dry-run') return;
  const problem = writeAccessProblem(await tidal.tokenInfo());
  if (problem) throw new WriteAccessError(mode, problem);
}

/** Where a remedy's country came from: given with the request, the account's (`GET /users/me`), or the default. */
export type CountrySource = 'request' | 'account' | 'default';

/**
 * The country whose availability counts: the one given, else the TIDAL account's own, else (app
 * credentials, or a token without user.read) DEFAULT_COUNTRY_CODE.
 */
export async function resolveCountry(
  tidal: Pick<TidalClient, 'getMe'>,
  given: string | null,
): Promise<{ countryCode: string; countrySource: CountrySource }> {
  if (given) return { countryCode: given, countrySource: 'request' };
  try {
    return { countryCode: (await tidal.getMe()).countryCode, countrySource: 'account' };
  } catch (error) {
    if (error instanceof TidalForbiddenError || error instanceof TidalNotFoundError) {
      return { countryCode: DEFAULT_COUNTRY_CODE, countrySource: 'default' };
    }
    throw error;
  }
}
