import type { RewardPack } from '../../core/index.js'
import { detectionCriteriaReward } from './detection-criteria/index.js'
import { detectionF1Reward } from './detection-f1/index.js'
import { detectionIouConfidenceReward } from './detection-iou-confidence/index.js'
import { detectionMapReward } from './detection-map/index.js'
import { lisaGiouReward } from './lisa-giou/index.js'

/** Detection rewards: COCO mAP (VLM-R1), IoU + confidence (Visual-RFT), GIoU (LISA), Vision-R1 criteria, F1. */
export const detectionPack = {
  name: 'detection',
  rewards: [
    detectionMapReward,
    detectionIouConfidenceReward,
    lisaGiouReward,
    detectionCriteriaReward,
    detectionF1Reward,
  ],
} satisfies RewardPack
