// The module worker behind layoutInWorker (./force-job.ts): one request, one reply, with the
// position arrays transferred rather than copied.
import { answerForceRequest, type ForceRequest } from './force-job';

self.onmessage = (e: MessageEvent<ForceRequest>) => {
	const reply = answerForceRequest(e.data);
	(self as unknown as Worker).postMessage(reply, [reply.x.buffer, reply.y.buffer]);
};
