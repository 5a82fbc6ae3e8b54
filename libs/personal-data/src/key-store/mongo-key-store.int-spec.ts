import { describeKeyStoreConformance } from '../testing/key-store.conformance';
import { MongoKeyStore } from './mongo-key-store';

const url = process.env.MONGODB_URL;

if (url) {
  describeKeyStoreConformance('mongodb', async () => {
    // A database per run, dropped afterwards, so runs never see each other's data.
    const dbName = `aftercare_keys_${Date.now().toString(36)}_${process.pid}`;
    const [store, other] = [await MongoKeyStore.connect({ url, dbName }), await MongoKeyStore.connect({ url, dbName })];
    return {
      store,
      other,
      cleanup: async () => {
        const { MongoClient } = await import('mongodb');
        const client = await MongoClient.connect(url);
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
          await Promise.all([store.close(), other.close()]);
        }
      },
    };
  });
} else {
  describe('KeyStore conformance: mongodb', () => {
    it('needs MONGODB_URL (docker compose -f docker/docker-compose.yml up mongodb)', () => {
      expect(process.env.MONGODB_URL).toBeUndefined();
    });
  });
}
