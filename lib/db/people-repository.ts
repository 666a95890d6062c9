import { defaultSettings, type Settings, type Team, type User } from '../domain';
import type { AttainDatabase } from './database';

/** The signed-in user, the people they may see, and the admin settings. */
export class PeopleRepository {
  constructor(private readonly db: AttainDatabase) {}

  async me(): Promise<User | undefined> {
    return (await this.db.me.get('me'))?.value;
  }

  async user(id: string): Promise<User | undefined> {
    const me = await this.me();
    if (me?.id === id) return me;
    return (await this.db.users.get(id))?.value;
  }

  /** The users the signed-in user may see besides themselves (a manager's reps). */
  async users(): Promise<User[]> {
    return (await this.db.users.toArray())
      .map((r) => r.value)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async teams(): Promise<Team[]> {
    return (await this.db.teams.toArray())
      .map((r) => r.value)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async settings(): Promise<Settings> {
    const rows = await this.db.settings.toArray();
    return rows[0]?.value ?? defaultSettings;
  }
}
