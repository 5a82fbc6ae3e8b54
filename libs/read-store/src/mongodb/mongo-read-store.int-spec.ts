import { describeReadStoreConformance } from '../testing/read-store.conformance';
import { MongoReadStore } from './mongo-read-store';

const url = process.env.MONGODB_URL;

if (url) {
  describeReadStoreConformance('mongodb', async () => {
    // A database per run, dropped afterwards, so runs never see each other's data.
    const dbName = `aftercare_conformance_${Date.now().toString(36)}_${process.pid}`;
    const store = await MongoReadStore.connect({ url, dbName });
    return {
      store,
      cleanup: async () => {
        const { MongoClient } = await import('mongodb');
        const client = await MongoClient.connect(url);
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
          await store.close();
        }
      },
    };
  });
} else {
  describe('ReadStore conformance: mongodb', () => {
    it('needs MONGODB_URL (docker compose -f docker/docker-compose.yml up mongodb)', () => {
      expect(process.env.MONGODB_URL).toBeUndefined();
    });
  });
}
